-- One row per entity and account of the chart: the role in force and where it came from.
with accounts as (

    select * from {{ ref('int_gl_accounts_classified') }}

)

select * from accounts
