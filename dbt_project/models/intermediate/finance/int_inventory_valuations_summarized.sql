-- One row per entity and snapshot date: the ERP's total inventory value.
with valuations as (

    select * from {{ ref('int_inventory_valuations_accepted') }}

),

snapshots_summarized as (

    select
        entity,
        as_of_date,
        {{ money('sum(total_value)') }} as inventory_value

    from valuations
    group by entity, as_of_date

)

select * from snapshots_summarized
