-- One row per entity and period to reconcile: from the period after the entity's first
-- valuation snapshot through the period of its last, with the entity's sync settings.
with valuations as (

    select * from {{ ref('int_inventory_valuations_accepted') }}

),

entity_settings as (

    select * from {{ ref('stg_config__entity_settings') }}

),

month_offsets as (

    {{ dbt.generate_series(1200) }}

),

snapshot_ranges as (

    select
        entity,
        {{ period_start('min(as_of_date)') }} as first_snapshot_period,
        {{ dbt.datediff(period_start('min(as_of_date)'), period_start('max(as_of_date)'), 'month') }}
            as months_covered

    from valuations
    group by entity

),

periods as (

    select
        snapshot_ranges.entity,
        cast({{ dbt.dateadd('month', 'month_offsets.generated_number', 'snapshot_ranges.first_snapshot_period') }} as date)
            as period_start

    from snapshot_ranges
    inner join month_offsets
        on month_offsets.generated_number <= snapshot_ranges.months_covered

),

final as (

    select
        periods.entity,
        periods.period_start,
        {{ period_end('periods.period_start') }} as period_end,
        cast({{ dbt.dateadd('day', -1, 'periods.period_start') }} as date) as previous_period_end,
        entity_settings.sync_mode,
        entity_settings.adjustments_booked_to

    from periods
    left join entity_settings
        on periods.entity = entity_settings.entity

)

select * from final
