-- One row per ERP inventory transaction (latest file wins per entity and transaction_id),
-- with the first reason it cannot be used, if any. Period-partitioned: a run rebuilds its
-- window's periods, ranking each transaction's versions wherever they are dated.
with staged_transactions as (

    select * from {{ ref('stg_erp__inventory_transactions') }}

),

transactions as (

    {{ rows_of_window_transactions('staged_transactions', 'posted_date') }}

),

transaction_types as (

    select * from {{ ref('erp_transaction_types') }}

),

transactions_ranked as (

    select
        *,
        row_number() over (
            partition by entity, transaction_id
            order by source_file desc, source_line desc
        ) as version_rank

    from transactions

),

latest_transactions as (

    select * from transactions_ranked
    where version_rank = 1 or transaction_id is null

),

transactions_classified as (

    select
        latest_transactions.*,
        transaction_types.movement_class

    from latest_transactions
    left join transaction_types
        on latest_transactions.transaction_type = transaction_types.transaction_type

),

transactions_checked as (

    select
        *,
        {{ reject_reason_columns([
            {"column": "transaction_id", "failed_when": "transaction_id is null",
             "reason": "'transaction_id is empty'"},
            {"column": "posted_date",
             "failed_when": "posted_date is null or not " ~ is_iso_date_text('posted_date_text'),
             "reason": "'posted_date ' || " ~ quoted_text('posted_date_text') ~ " || ' is not a date YYYY-MM-DD'"},
            {"column": "transaction_type", "failed_when": "movement_class is null",
             "reason": "'unknown transaction_type ' || " ~ quoted_text('transaction_type')},
            {"column": "item_sku", "failed_when": "item_sku is null",
             "reason": "'item_sku is empty'"},
            {"column": "quantity", "failed_when": "quantity is null",
             "reason": "'quantity ' || " ~ quoted_text('quantity_text') ~ " || ' is not a number'"},
            {"column": "extended_cost",
             "failed_when": "extended_cost is null or not " ~ is_money_text('extended_cost_text'),
             "reason": "'extended_cost ' || " ~ quoted_text('extended_cost_text') ~ " || ' is not an amount with at most 2 decimals'"},
        ]) }}

    from transactions_classified

),

transactions_shaped as (

    select
        entity,
        transaction_id,
        posted_date,
        {{ period_start('posted_date') }} as period_start,
        transaction_type,
        movement_class,
        reference,
        item_sku,
        location,
        quantity,
        extended_cost,
        memo,
        source_file,
        source_line,
        rejected_column,
        reject_reason

    from transactions_checked

),

final as (

    select * from transactions_shaped
    where {{ in_period_window('period_start') }} or period_start is null

)

select * from final
