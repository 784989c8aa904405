with source as (

    select * from {{ source('config', 'account_role_overrides') }}

),

renamed as (

    select
        account_number,
        role

    from source

)

select * from renamed
