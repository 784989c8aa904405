-- One row per ERP stock adjustment or revaluation, with whether the COGS formula counts it
-- (only when the entity books adjustments to a separate inventory-adjustment account).
with movements as (

    select * from {{ ref('int_inventory_movements_accepted') }}

),

entity_settings as (

    select * from {{ ref('stg_config__entity_settings') }}

),

adjustments as (

    select
        movements.*,
        entity_settings.adjustments_booked_to,
        coalesce(entity_settings.adjustments_booked_to = 'inventory_adjustment', false)
            as is_in_cogs_formula

    from movements
    left join entity_settings
        on movements.entity = entity_settings.entity
    where movements.movement_class = 'adjustment'

)

select * from adjustments
