-- One row per entity and period: the periodic COGS formula on the ERP's figures.
with periods as (

    select * from {{ ref('int_reconciliation_periods_spined') }}

),

movements as (

    select * from {{ ref('int_inventory_movements_summarized') }}

),

valuations as (

    select * from {{ ref('int_inventory_valuations_summarized') }}

),

components_joined as (

    select
        periods.entity,
        periods.period_start,
        periods.period_end,
        periods.sync_mode,
        periods.adjustments_booked_to,
        beginning_valuations.inventory_value as beginning_inventory,
        coalesce(movements.purchases, 0) as purchases,
        coalesce(movements.erp_adjustments, 0) as erp_adjustments,
        coalesce(movements.cost_of_deliveries, 0) as cost_of_deliveries,
        ending_valuations.inventory_value as ending_inventory

    from periods
    left join valuations as beginning_valuations
        on periods.entity = beginning_valuations.entity
        and periods.previous_period_end = beginning_valuations.as_of_date
    left join valuations as ending_valuations
        on periods.entity = ending_valuations.entity
        and periods.period_end = ending_valuations.as_of_date
    left join movements
        on periods.entity = movements.entity
        and periods.period_start = movements.period_start

),

adjustments_applied as (

    select
        *,
        -- Adjustments booked straight to COGS are part of posted COGS, so not a separate term.
        case adjustments_booked_to
            when 'inventory_adjustment' then erp_adjustments
            when 'cogs' then 0
        end as adjustments

    from components_joined

),

final as (

    select
        entity,
        period_start,
        period_end,
        sync_mode,
        adjustments_booked_to,
        {{ money('beginning_inventory') }} as beginning_inventory,
        {{ money('purchases') }} as purchases,
        {{ money('adjustments') }} as adjustments,
        {{ money('ending_inventory') }} as ending_inventory,
        {{ money('beginning_inventory + purchases + adjustments - ending_inventory') }}
            as computed_cogs,
        {{ money('erp_adjustments') }} as erp_adjustments,
        {{ money('cost_of_deliveries') }} as cost_of_deliveries

    from adjustments_applied

)

select * from final
