-- One row per export row that cannot be used, from every source, with the periods it makes
-- untrustworthy: affected_from .. affected_through (null through = every later period, null
-- from = every period of the entity, when the row's own date cannot be read).
with transactions as (

    select * from {{ ref('int_inventory_transactions_validated') }}
    where reject_reason is not null

),

valuations as (

    select * from {{ ref('int_inventory_valuations_validated') }}
    where reject_reason is not null

),

accounts as (

    select * from {{ ref('int_gl_accounts_validated') }}
    where reject_reason is not null

),

journal_lines as (

    select * from {{ ref('int_gl_journal_lines_validated') }}
    where reject_reason is not null

),

unioned as (

    -- A transaction only moves its own period.
    select
        'erp_inventory_transactions' as export_source,
        source_file, source_line, entity, rejected_column, reject_reason,
        period_start as affected_from,
        period_start as affected_through
    from transactions

    union all

    -- A snapshot ends one period and begins the next.
    select
        'erp_inventory_valuation' as export_source,
        source_file, source_line, entity, rejected_column, reject_reason,
        {{ period_start('as_of_date') }} as affected_from,
        cast({{ dbt.dateadd('month', 1, period_start('as_of_date')) }} as date) as affected_through
    from valuations

    union all

    -- An account can be posted to in any period.
    select
        'gl_accounts' as export_source,
        source_file, source_line, entity, rejected_column, reject_reason,
        cast(null as date) as affected_from,
        cast(null as date) as affected_through
    from accounts

    union all

    -- A ledger line moves its period and every later balance.
    select
        'gl_journal_lines' as export_source,
        source_file, source_line, entity, rejected_column, reject_reason,
        period_start as affected_from,
        cast(null as date) as affected_through
    from journal_lines

)

select * from unioned
