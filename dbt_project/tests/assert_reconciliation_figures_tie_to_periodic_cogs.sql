-- Invariant: fct_cogs_reconciliation has exactly the periods of fct_periodic_cogs with the same
-- formula figures, and its rollforward_difference is beginning_inventory + purchases +
-- erp_adjustments - cost_of_deliveries - ending_inventory (null when a snapshot is missing).
-- Returns one row per period on one side only or whose figures differ.
with periodic_cogs as (

    select * from {{ ref('fct_periodic_cogs') }}

),

reconciliation as (

    select * from {{ ref('fct_cogs_reconciliation') }}

),

periods_compared as (

    select
        coalesce(periodic_cogs.entity, reconciliation.entity) as entity,
        coalesce(periodic_cogs.period_start, reconciliation.period_start) as period_start,
        periodic_cogs.computed_cogs,
        reconciliation.computed_cogs as reconciliation_computed_cogs,
        periodic_cogs.beginning_inventory + periodic_cogs.purchases
            + periodic_cogs.erp_adjustments - periodic_cogs.cost_of_deliveries
            - periodic_cogs.ending_inventory as expected_rollforward_difference,
        reconciliation.rollforward_difference,
        periodic_cogs.entity is null or reconciliation.entity is null as is_on_one_side_only,
        periodic_cogs.period_end is distinct from reconciliation.period_end
            or periodic_cogs.sync_mode is distinct from reconciliation.sync_mode
            or periodic_cogs.beginning_inventory is distinct from reconciliation.beginning_inventory
            or periodic_cogs.purchases is distinct from reconciliation.purchases
            or periodic_cogs.adjustments is distinct from reconciliation.adjustments
            or periodic_cogs.ending_inventory is distinct from reconciliation.ending_inventory
            or periodic_cogs.computed_cogs is distinct from reconciliation.computed_cogs
            as has_different_figures

    from periodic_cogs
    full outer join reconciliation
        on periodic_cogs.entity = reconciliation.entity
        and periodic_cogs.period_start = reconciliation.period_start

)

select * from periods_compared
where is_on_one_side_only
    or has_different_figures
    or rollforward_difference is distinct from expected_rollforward_difference
