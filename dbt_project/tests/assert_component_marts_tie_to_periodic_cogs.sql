-- Invariant: the component marts drill down to exactly the figures of fct_periodic_cogs. Per
-- entity and reconciliation period: fct_beginning_inventory and fct_ending_inventory total_value
-- = beginning_inventory and ending_inventory (both missing together when the snapshot is),
-- fct_purchases extended_cost = purchases, fct_inventory_adjustments extended_cost = erp_adjustments
-- and, over the rows with is_in_cogs_formula, = adjustments (a missing term, for an entity with no
-- settings, must have no row counted). Returns one row per period where a figure differs.
with periodic_cogs as (

    select * from {{ ref('fct_periodic_cogs') }}

),

beginning_inventory as (

    select * from {{ ref('fct_beginning_inventory') }}

),

ending_inventory as (

    select * from {{ ref('fct_ending_inventory') }}

),

purchases as (

    select * from {{ ref('fct_purchases') }}

),

inventory_adjustments as (

    select * from {{ ref('fct_inventory_adjustments') }}

),

beginning_totals as (

    select entity, period_start, sum(total_value) as total_value
    from beginning_inventory
    group by entity, period_start

),

ending_totals as (

    select entity, period_start, sum(total_value) as total_value
    from ending_inventory
    group by entity, period_start

),

purchase_totals as (

    select entity, period_start, sum(extended_cost) as extended_cost
    from purchases
    group by entity, period_start

),

adjustment_totals as (

    select
        entity,
        period_start,
        sum(extended_cost) as extended_cost,
        sum(case when is_in_cogs_formula then extended_cost end) as extended_cost_in_formula

    from inventory_adjustments
    group by entity, period_start

),

figures_compared as (

    select
        periodic_cogs.entity,
        periodic_cogs.period_start,
        periodic_cogs.beginning_inventory,
        beginning_totals.total_value as drill_down_beginning_inventory,
        periodic_cogs.ending_inventory,
        ending_totals.total_value as drill_down_ending_inventory,
        periodic_cogs.purchases,
        coalesce(purchase_totals.extended_cost, 0) as drill_down_purchases,
        periodic_cogs.erp_adjustments,
        coalesce(adjustment_totals.extended_cost, 0) as drill_down_erp_adjustments,
        periodic_cogs.adjustments,
        case
            when periodic_cogs.adjustments_booked_to is not null
                then coalesce(adjustment_totals.extended_cost_in_formula, 0)
            else adjustment_totals.extended_cost_in_formula
        end as drill_down_adjustments

    from periodic_cogs
    left join beginning_totals
        on periodic_cogs.entity = beginning_totals.entity
        and periodic_cogs.period_start = beginning_totals.period_start
    left join ending_totals
        on periodic_cogs.entity = ending_totals.entity
        and periodic_cogs.period_start = ending_totals.period_start
    left join purchase_totals
        on periodic_cogs.entity = purchase_totals.entity
        and periodic_cogs.period_start = purchase_totals.period_start
    left join adjustment_totals
        on periodic_cogs.entity = adjustment_totals.entity
        and periodic_cogs.period_start = adjustment_totals.period_start

)

select * from figures_compared
where beginning_inventory is distinct from drill_down_beginning_inventory
    or ending_inventory is distinct from drill_down_ending_inventory
    or purchases is distinct from drill_down_purchases
    or erp_adjustments is distinct from drill_down_erp_adjustments
    or adjustments is distinct from drill_down_adjustments
