-- Invariant: for every period that is not incomplete, the breaks' cogs_effects sum exactly to
-- the COGS gap and their inventory_effects to the inventory gap (in non-inventory sync, the gaps
-- left after the proposed true-up). Returns the periods where they do not.
with reconciliation as (

    select * from {{ ref('fct_cogs_reconciliation') }}
    where status <> 'incomplete'

),

breaks as (

    select * from {{ ref('fct_reconciliation_breaks') }}

),

explained as (

    select entity, period_start, sum(cogs_effect) as cogs_explained,
        sum(inventory_effect) as inventory_explained
    from breaks
    group by entity, period_start

)

select
    reconciliation.entity,
    reconciliation.period_start,
    reconciliation.variance,
    reconciliation.inventory_difference,
    explained.cogs_explained,
    explained.inventory_explained

from reconciliation
left join explained
    on reconciliation.entity = explained.entity
    and reconciliation.period_start = explained.period_start
where coalesce(explained.cogs_explained, 0) <> case reconciliation.sync_mode
        when 'non_inventory' then reconciliation.variance + reconciliation.true_up_cogs_amount
        else reconciliation.variance end
    or coalesce(explained.inventory_explained, 0) <> case reconciliation.sync_mode
        when 'non_inventory' then reconciliation.inventory_difference - reconciliation.true_up_amount
        else reconciliation.inventory_difference end
