-- One row per export row that could not be used: where it is, which column, and why.
with rejected_rows as (

    select * from {{ ref('int_rejected_rows_unioned') }}

),

final as (

    select
        export_source,
        source_file,
        source_line,
        entity,
        rejected_column,
        reject_reason,
        affected_from,
        affected_through

    from rejected_rows

)

select * from final
