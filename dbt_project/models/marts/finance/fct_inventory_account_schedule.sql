-- One row per entity and reconciliation period: the account-schedule presentation of the NAV
-- note, from the ledger alone. Debit-positive net changes by account role:
--   cogs = beginning_inventory + purchases - inventory_adjustment - ending_inventory,
-- where inventory_adjustment is the net change of the purchases, direct cost applied and
-- inventory adjustment accounts together. It equals the COGS accounts' net change when every
-- posting to inventory is offset on direct cost applied, COGS or inventory adjustment
-- (direct_inventory_postings = 0), as Business Central posts its value entries.
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
        sum(case when accounts.role = 'inventory_asset' then journal_lines.net_amount else 0 end)
            as inventory_net_change,
        sum(case when accounts.role = 'purchases' then journal_lines.net_amount else 0 end)
            as purchases_net_change,
        sum(case when accounts.role = 'direct_cost_applied' then journal_lines.net_amount else 0 end)
            as direct_cost_applied_net_change,
        sum(case when accounts.role = 'inventory_adjustment' then journal_lines.net_amount else 0 end)
            as inventory_adjustment_net_change,
        sum(case when accounts.role = 'cogs' then journal_lines.net_amount else 0 end)
            as cogs_net_change

    from journal_lines
    inner join accounts
        on journal_lines.entity = accounts.entity
        and journal_lines.account_number = accounts.account_number
    group by journal_lines.entity, journal_lines.period_start

),

balances_rolled_forward as (

    select
        periods.entity,
        periods.period_start,
        sum(
            case when monthly_net_changes.period_start < periods.period_start
                then monthly_net_changes.inventory_net_change else 0 end
        ) as beginning_inventory,
        sum(monthly_net_changes.inventory_net_change) as ending_inventory,
        sum(
            case when monthly_net_changes.period_start = periods.period_start
                then monthly_net_changes.purchases_net_change else 0 end
        ) as purchases,
        sum(
            case when monthly_net_changes.period_start = periods.period_start
                then monthly_net_changes.purchases_net_change
                    + monthly_net_changes.direct_cost_applied_net_change
                    + monthly_net_changes.inventory_adjustment_net_change
                else 0 end
        ) as inventory_adjustment,
        sum(
            case when monthly_net_changes.period_start = periods.period_start
                then monthly_net_changes.inventory_net_change
                    + monthly_net_changes.direct_cost_applied_net_change
                    + monthly_net_changes.inventory_adjustment_net_change
                    + monthly_net_changes.cogs_net_change
                else 0 end
        ) as direct_inventory_postings,
        sum(
            case when monthly_net_changes.period_start = periods.period_start
                then monthly_net_changes.cogs_net_change else 0 end
        ) as cogs_account_net_change

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
        {{ money('beginning_inventory') }} as beginning_inventory,
        {{ money('purchases') }} as purchases,
        {{ money('inventory_adjustment') }} as inventory_adjustment,
        {{ money('ending_inventory') }} as ending_inventory,
        {{ money('beginning_inventory + purchases - inventory_adjustment - ending_inventory') }}
            as cogs,
        {{ money('cogs_account_net_change') }} as cogs_account_net_change,
        {{ money('beginning_inventory + purchases - inventory_adjustment - ending_inventory - cogs_account_net_change') }}
            as difference,
        {{ money('direct_inventory_postings') }} as direct_inventory_postings

    from balances_rolled_forward

)

select * from final
