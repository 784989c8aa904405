-- One row per QuickBooks journal line of the latest version of each transaction (the latest
-- file holding an entity's transaction_id replaces all its lines), with the first reason it
-- cannot be used. When one line of a transaction is rejected, or its lines do not balance, all
-- its lines are. Sign convention, applied here once: net_amount = debit_amount - credit_amount.
-- Period-partitioned: a run rebuilds the lines of its window's periods, judging each
-- transaction on all its lines and versions, wherever they are dated.
with staged_lines as (

    select * from {{ ref('stg_quickbooks__journal_lines') }}

),

accounts as (

    select * from {{ ref('int_gl_accounts_validated') }}
    where reject_reason is null

),

journal_lines as (

    {{ rows_of_window_transactions('staged_lines', 'txn_date') }}

),

transaction_versions as (

    select
        entity,
        transaction_id,
        max(source_file) as latest_source_file

    from journal_lines
    group by entity, transaction_id

),

latest_lines as (

    -- Lines without a transaction_id cannot be versioned: every one of them is kept (and rejected).
    select journal_lines.*
    from journal_lines
    left join transaction_versions
        on journal_lines.entity = transaction_versions.entity
        and journal_lines.transaction_id = transaction_versions.transaction_id
    where journal_lines.transaction_id is null
        or journal_lines.source_file = transaction_versions.latest_source_file

),

lines_with_accounts as (

    select
        latest_lines.*,
        accounts.account_number is not null as is_known_account,
        count(*) over (
            partition by latest_lines.entity, latest_lines.transaction_id, latest_lines.line_number
        ) as rows_for_line_number

    from latest_lines
    left join accounts
        on latest_lines.entity = accounts.entity
        and latest_lines.account_number = accounts.account_number

),

lines_checked as (

    select
        *,
        {{ reject_reason_columns([
            {"column": "transaction_id", "failed_when": "transaction_id is null",
             "reason": "'transaction_id is empty'"},
            {"column": "line_number", "failed_when": "line_number is null",
             "reason": "'line_number ' || " ~ quoted_text('line_number_text') ~ " || ' is not an integer'"},
            {"column": "line_number", "failed_when": "rows_for_line_number > 1",
             "reason": "'line_number ' || line_number_text || ' appears more than once in transaction ' || transaction_id"},
            {"column": "txn_date",
             "failed_when": "txn_date is null or not " ~ is_iso_date_text('txn_date_text'),
             "reason": "'txn_date ' || " ~ quoted_text('txn_date_text') ~ " || ' is not a date YYYY-MM-DD'"},
            {"column": "account_number", "failed_when": "not is_known_account",
             "reason": "'account ' || " ~ quoted_text('account_number') ~ " || ' is not in the chart of accounts of entity ' || entity"},
            {"column": "debit",
             "failed_when": "debit_amount is null or not " ~ is_money_text('debit_text'),
             "reason": "'debit ' || " ~ quoted_text('debit_text') ~ " || ' is not an amount with at most 2 decimals'"},
            {"column": "credit",
             "failed_when": "credit_amount is null or not " ~ is_money_text('credit_text'),
             "reason": "'credit ' || " ~ quoted_text('credit_text') ~ " || ' is not an amount with at most 2 decimals'"},
        ]) }}

    from lines_with_accounts

),

transactions_totalled as (

    select
        *,
        count(reject_reason) over (partition by entity, transaction_id) as rejected_lines,
        sum(debit_amount) over (partition by entity, transaction_id) as transaction_debits,
        sum(credit_amount) over (partition by entity, transaction_id) as transaction_credits

    from lines_checked

),

transactions_checked as (

    select
        *,
        coalesce(
            rejected_column,
            case
                when rejected_lines > 0 or transaction_debits <> transaction_credits
                    then 'transaction_id'
            end
        ) as first_rejected_column,
        coalesce(
            reject_reason,
            case
                when rejected_lines > 0
                    then 'another line of transaction ' || transaction_id || ' was rejected'
                when transaction_debits <> transaction_credits
                    then 'transaction ' || transaction_id || ' does not balance: debits '
                        || cast(transaction_debits as {{ dbt.type_string() }}) || ', credits '
                        || cast(transaction_credits as {{ dbt.type_string() }})
            end
        ) as first_reject_reason

    from transactions_totalled

),

lines_shaped as (

    select
        entity,
        transaction_id,
        line_number,
        txn_date,
        {{ period_start('txn_date') }} as period_start,
        txn_type,
        doc_number,
        account_number,
        {{ money('debit_amount') }} as debit_amount,
        {{ money('credit_amount') }} as credit_amount,
        {{ money('debit_amount - credit_amount') }} as net_amount,
        name,
        memo,
        source_file,
        source_line,
        first_rejected_column as rejected_column,
        first_reject_reason as reject_reason

    from transactions_checked

),

final as (

    select * from lines_shaped
    where {{ in_period_window('period_start') }} or period_start is null

)

select * from final
