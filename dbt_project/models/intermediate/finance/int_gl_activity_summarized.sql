-- One row per entity and reconciliation period: the ledger's side of the reconciliation.
-- Debit-positive: posted_cogs is the net debit on cogs-role accounts in the period,
-- gl_beginning_inventory and gl_ending_inventory the balances of inventory_asset accounts at
-- the period's start and end, and the period's net change on the other inventory-related roles
-- (the account schedule in fct_inventory_account_schedule reads them from here).
with journal_lines as (

    select * from {{ ref('int_gl_journal_lines_validated') }}
    where reject_reason is null

),

accounts as (

    select * from {{ ref('int_gl_accounts_classified') }}

),

periods as (

    select * from {{ ref('int_reconciliation_periods_spined') }}

),

monthly_net_changes as (

    select
        journal_lines.entity,
        journal_lines.period_start,
        sum(case when accounts.role = 'cogs' then journal_lines.net_amount else 0 end)
            as cogs_net_change,
        sum(case when accounts.role = 'inventory_asset' then journal_lines.net_amount else 0 end)
            as inventory_net_change,
        sum(case when accounts.role = 'purchases' then journal_lines.net_amount else 0 end)
            as purchases_net_change,
        sum(case when accounts.role = 'direct_cost_applied' then journal_lines.net_amount else 0 end)
            as direct_cost_applied_net_change,
        sum(case when accounts.role = 'inventory_adjustment' then journal_lines.net_amount else 0 end)
            as inventory_adjustment_net_change,
        count(*) as line_count

    from journal_lines
    inner join accounts
        on journal_lines.entity = accounts.entity
        and journal_lines.account_number = accounts.account_number
    group by journal_lines.entity, journal_lines.period_start

),

activity_rolled_forward as (

    select
        periods.entity,
        periods.period_start,
        sum(
            case when monthly_net_changes.period_start = periods.period_start
                then monthly_net_changes.cogs_net_change else 0 end
        ) as posted_cogs,
        sum(monthly_net_changes.inventory_net_change) as gl_ending_inventory,
        sum(
            case when monthly_net_changes.period_start < periods.period_start
                then monthly_net_changes.inventory_net_change else 0 end
        ) as gl_beginning_inventory,
        {%- for role in ['inventory', 'purchases', 'direct_cost_applied', 'inventory_adjustment'] %}
        sum(
            case when monthly_net_changes.period_start = periods.period_start
                then monthly_net_changes.{{ role }}_net_change else 0 end
        ) as {{ role }}_net_change,
        {%- endfor %}
        sum(
            case when monthly_net_changes.period_start = periods.period_start
                then monthly_net_changes.line_count else 0 end
        ) as gl_line_count

    from periods
    inner join monthly_net_changes
        on periods.entity = monthly_net_changes.entity
        and monthly_net_changes.period_start <= periods.period_start
    group by periods.entity, periods.period_start

),

final as (

    select
        entity,
        period_start,
        {{ money('posted_cogs') }} as posted_cogs,
        {{ money('gl_beginning_inventory') }} as gl_beginning_inventory,
        {{ money('gl_ending_inventory') }} as gl_ending_inventory,
        {{ money('inventory_net_change') }} as inventory_net_change,
        {{ money('purchases_net_change') }} as purchases_net_change,
        {{ money('direct_cost_applied_net_change') }} as direct_cost_applied_net_change,
        {{ money('inventory_adjustment_net_change') }} as inventory_adjustment_net_change,
        gl_line_count

    from activity_rolled_forward

)

select * from final
