-- One row per entity and reconciliation period: the ledger's side of the reconciliation.
-- Debit-positive: posted_cogs is the net debit on cogs-role accounts in the period,
-- gl_beginning_inventory and gl_ending_inventory the balances of inventory_asset accounts at
-- the period's start and end, and the period's net change on the other inventory-related roles
-- (the account schedule in fct_inventory_account_schedule reads them from here).
with monthly_net_changes as (

    select * from {{ ref('int_gl_net_changes_summarized') }}

),

periods as (

    select * from {{ ref('int_reconciliation_periods_spined') }}

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
