with source as (

    select * from {{ source('erp', 'inventory_valuation') }}

),

renamed as (

    select
        coalesce(nullif(trim(entity), ''), 'default') as entity,
        {{ dbt.safe_cast('trim(as_of_date)', 'date') }} as as_of_date,
        nullif(trim(item_sku), '') as item_sku,
        coalesce(trim(location), '') as location,
        {{ dbt.safe_cast('trim(quantity_on_hand)', 'decimal(20, 6)') }} as quantity_on_hand,
        {{ dbt.safe_cast('trim(total_value)', 'decimal(18, 2)') }} as total_value,
        trim(as_of_date) as as_of_date_text,
        trim(quantity_on_hand) as quantity_on_hand_text,
        trim(total_value) as total_value_text,
        _source_file as source_file,
        _source_line as source_line,
        _loaded_at as loaded_at

    from source

)

select * from renamed
