-- One row per entity and reconciliation period: the account-schedule presentation of the NAV
-- note, from the ledger alone. Debit-positive net changes by account role:
--   cogs = beginning_inventory + purchases - inventory_adjustment - ending_inventory,
-- where inventory_adjustment is the net change of the purchases, direct cost applied and
-- inventory adjustment accounts together. It equals the COGS accounts' net change when every
-- posting to inventory is offset on direct cost applied, COGS or inventory adjustment
-- (direct_inventory_postings = 0), as Business Central posts its value entries.
with gl_activity as (

    select * from {{ ref('int_gl_activity_summarized') }}

),

schedule as (

    select
        entity,
        period_start,
        gl_beginning_inventory as beginning_inventory,
        purchases_net_change as purchases,
        purchases_net_change + direct_cost_applied_net_change + inventory_adjustment_net_change
            as inventory_adjustment,
        gl_ending_inventory as ending_inventory,
        posted_cogs as cogs_account_net_change,
        inventory_net_change + direct_cost_applied_net_change + inventory_adjustment_net_change
            + posted_cogs as direct_inventory_postings

    from gl_activity

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

    from schedule

)

select * from final
