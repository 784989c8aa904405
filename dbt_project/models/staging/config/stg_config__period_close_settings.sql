with source as (

    select * from {{ source('config', 'period_close_settings') }}

),

renamed as (

    select
        close_after_days,
        {{ dbt.safe_cast("closed_through || '-" ~ "%02d" % period_start_day() ~ "'", 'date') }}
            as closed_through_period_start

    from source

)

select * from renamed
