-- Invariant: every proposed true-up entry balances (debits = credits), its inventory-asset line
-- nets to the period's true_up_amount and its adjustment and COGS lines to minus their parts,
-- and exactly the periods that need an entry have one (not incomplete, true_up_amount <> 0).
-- Returns one row per offending period.
with journal_lines as (

    select * from {{ ref('fct_true_up_journal_lines') }}

),

reconciliation as (

    select * from {{ ref('fct_cogs_reconciliation') }}

),

entries_totalled as (

    select
        entity,
        period_start,
        sum(debit) as total_debit,
        sum(credit) as total_credit,
        sum(case when account_role = 'inventory_asset' then debit - credit else 0 end)
            as inventory_net_amount,
        sum(case when account_role = 'inventory_adjustment' then debit - credit else 0 end)
            as adjustment_net_amount,
        sum(case when account_role = 'cogs' then debit - credit else 0 end) as cogs_net_amount

    from journal_lines
    group by entity, period_start

),

periods_needing_entry as (

    select
        entity,
        period_start,
        true_up_amount,
        true_up_adjustment_amount,
        true_up_cogs_amount

    from reconciliation
    where status <> 'incomplete' and true_up_amount <> 0

),

entries_compared as (

    select
        coalesce(entries_totalled.entity, periods_needing_entry.entity) as entity,
        coalesce(entries_totalled.period_start, periods_needing_entry.period_start)
            as period_start,
        entries_totalled.total_debit,
        entries_totalled.total_credit,
        entries_totalled.inventory_net_amount,
        entries_totalled.adjustment_net_amount,
        entries_totalled.cogs_net_amount,
        periods_needing_entry.true_up_amount,
        periods_needing_entry.true_up_adjustment_amount,
        periods_needing_entry.true_up_cogs_amount

    from entries_totalled
    full outer join periods_needing_entry
        on entries_totalled.entity = periods_needing_entry.entity
        and entries_totalled.period_start = periods_needing_entry.period_start

)

select * from entries_compared
where total_debit is null
    or true_up_amount is null
    or total_debit <> total_credit
    or inventory_net_amount <> true_up_amount
    or adjustment_net_amount <> -true_up_adjustment_amount
    or cogs_net_amount <> -true_up_cogs_amount
