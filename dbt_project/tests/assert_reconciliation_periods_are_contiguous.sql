-- Invariant: each entity's reconciliation periods run month after month without a gap, so a
-- period missing its snapshot or its GL shows as `incomplete` instead of vanishing.
-- Returns one row per entity whose period count does not match its first and last period.
with reconciliation as (

    select * from {{ ref('fct_cogs_reconciliation') }}

),

entity_ranges as (

    select
        entity,
        min(period_start) as first_period_start,
        max(period_start) as last_period_start,
        count(*) as period_count,
        {{ dbt.datediff('min(period_start)', 'max(period_start)', 'month') }} + 1
            as months_in_range

    from reconciliation
    group by entity

)

select * from entity_ranges
where period_count <> months_in_range
