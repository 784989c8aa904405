-- Invariant: no export row disappears in silence. Every landed row (staging keeps them all) is
-- in its validated model, accepted or rejected, or is superseded by a later version of the same
-- key that is: a later file or line for an ERP transaction (entity, transaction_id) or an account
-- (entity, account_number), a later file for a GL transaction (entity, transaction_id) or a
-- valuation snapshot (entity, as_of_date as written). Returns one row per lost export row.
with staged_transactions as (

    select * from {{ ref('stg_erp__inventory_transactions') }}

),

validated_transactions as (

    select * from {{ ref('int_inventory_transactions_validated') }}

),

staged_valuations as (

    select * from {{ ref('stg_erp__inventory_valuations') }}

),

validated_valuations as (

    select * from {{ ref('int_inventory_valuations_validated') }}

),

staged_accounts as (

    select * from {{ ref('stg_quickbooks__accounts') }}

),

validated_accounts as (

    select * from {{ ref('int_gl_accounts_validated') }}

),

staged_journal_lines as (

    select * from {{ ref('stg_quickbooks__journal_lines') }}

),

validated_journal_lines as (

    select * from {{ ref('int_gl_journal_lines_validated') }}

),

-- The snapshot a validated valuation row belongs to, as the versioning rule sees it.
validated_snapshots as (

    select distinct
        staged_valuations.entity,
        staged_valuations.as_of_date_text,
        staged_valuations.source_file

    from validated_valuations
    inner join staged_valuations
        on validated_valuations.source_file = staged_valuations.source_file
        and validated_valuations.source_line = staged_valuations.source_line

),

lost_transactions as (

    select 'erp_inventory_transactions' as export_source, staged.source_file, staged.source_line
    from staged_transactions as staged
    where not exists (
            select 1 from validated_transactions as validated
            where validated.source_file = staged.source_file
                and validated.source_line = staged.source_line
        )
        and not exists (
            select 1 from validated_transactions as validated
            where validated.entity = staged.entity
                and validated.transaction_id = staged.transaction_id
                and (validated.source_file > staged.source_file
                    or (validated.source_file = staged.source_file
                        and validated.source_line > staged.source_line))
        )

),

lost_valuations as (

    select 'erp_inventory_valuation' as export_source, staged.source_file, staged.source_line
    from staged_valuations as staged
    where not exists (
            select 1 from validated_valuations as validated
            where validated.source_file = staged.source_file
                and validated.source_line = staged.source_line
        )
        and not exists (
            select 1 from validated_snapshots as validated
            where validated.entity = staged.entity
                and validated.as_of_date_text = staged.as_of_date_text
                and validated.source_file > staged.source_file
        )

),

lost_accounts as (

    select 'gl_accounts' as export_source, staged.source_file, staged.source_line
    from staged_accounts as staged
    where not exists (
            select 1 from validated_accounts as validated
            where validated.source_file = staged.source_file
                and validated.source_line = staged.source_line
        )
        and not exists (
            select 1 from validated_accounts as validated
            where validated.entity = staged.entity
                and validated.account_number = staged.account_number
                and (validated.source_file > staged.source_file
                    or (validated.source_file = staged.source_file
                        and validated.source_line > staged.source_line))
        )

),

lost_journal_lines as (

    select 'gl_journal_lines' as export_source, staged.source_file, staged.source_line
    from staged_journal_lines as staged
    where not exists (
            select 1 from validated_journal_lines as validated
            where validated.source_file = staged.source_file
                and validated.source_line = staged.source_line
        )
        and not exists (
            select 1 from validated_journal_lines as validated
            where validated.entity = staged.entity
                and validated.transaction_id = staged.transaction_id
                and validated.source_file > staged.source_file
        )

),

lost_rows as (

    select * from lost_transactions
    union all
    select * from lost_valuations
    union all
    select * from lost_accounts
    union all
    select * from lost_journal_lines

)

select * from lost_rows
