-- Invariant: the GL figures of fct_cogs_reconciliation are the ledger's, recomputed straight from
-- the accepted journal lines and the roles in dim_gl_accounts: posted_cogs = net debit on `cogs`
-- accounts dated in the period, gl_ending_inventory = net debit on `inventory_asset` accounts dated
-- up to the period end. Periods where the entity has no GL line yet (null figures) are skipped.
-- Returns one row per period whose figures differ.
with journal_lines as (

    select * from {{ ref('int_gl_journal_lines_validated') }}
    where reject_reason is null

),

accounts as (

    select * from {{ ref('dim_gl_accounts') }}

),

reconciliation as (

    select * from {{ ref('fct_cogs_reconciliation') }}
    where posted_cogs is not null

),

ledger_figures as (

    select
        reconciliation.entity,
        reconciliation.period_start,
        coalesce(sum(
            case when accounts.role = 'cogs'
                and journal_lines.txn_date between reconciliation.period_start
                    and reconciliation.period_end
                then journal_lines.net_amount end
        ), 0) as ledger_posted_cogs,
        coalesce(sum(
            case when accounts.role = 'inventory_asset' then journal_lines.net_amount end
        ), 0) as ledger_ending_inventory

    from reconciliation
    left join journal_lines
        on reconciliation.entity = journal_lines.entity
        and journal_lines.txn_date <= reconciliation.period_end
    left join accounts
        on journal_lines.entity = accounts.entity
        and journal_lines.account_number = accounts.account_number
    group by reconciliation.entity, reconciliation.period_start

),

figures_compared as (

    select
        reconciliation.entity,
        reconciliation.period_start,
        reconciliation.posted_cogs,
        ledger_figures.ledger_posted_cogs,
        reconciliation.gl_ending_inventory,
        ledger_figures.ledger_ending_inventory

    from reconciliation
    inner join ledger_figures
        on reconciliation.entity = ledger_figures.entity
        and reconciliation.period_start = ledger_figures.period_start

)

select * from figures_compared
where posted_cogs <> ledger_posted_cogs
    or gl_ending_inventory <> ledger_ending_inventory
