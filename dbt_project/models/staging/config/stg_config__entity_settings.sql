with source as (

    select * from {{ source('config', 'entity_settings') }}

),

renamed as (

    select
        entity,
        sync_mode,
        adjustments_booked_to

    from source

)

select * from renamed
