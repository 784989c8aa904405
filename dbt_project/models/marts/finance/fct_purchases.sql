-- One row per ERP receipt or vendor return: net receipts into inventory at cost.
with movements as (

    select * from {{ ref('int_inventory_movements_accepted') }}

),

purchases as (

    select * from movements
    where movement_class = 'purchase'

)

select * from purchases
