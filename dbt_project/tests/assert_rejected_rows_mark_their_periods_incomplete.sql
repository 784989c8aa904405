-- Invariant: nobody reads a period as reconciled when a rejected export row touches it. Every
-- reconciliation period of the row's entity within affected_from .. affected_through (a null
-- bound is open) is `incomplete`. Returns one row per rejected row and period that is not.
with rejected_rows as (

    select * from {{ ref('fct_rejected_rows') }}

),

reconciliation as (

    select * from {{ ref('fct_cogs_reconciliation') }}

)

select
    rejected_rows.export_source,
    rejected_rows.source_file,
    rejected_rows.source_line,
    rejected_rows.affected_from,
    rejected_rows.affected_through,
    reconciliation.entity,
    reconciliation.period_start,
    reconciliation.status

from rejected_rows
inner join reconciliation
    on rejected_rows.entity = reconciliation.entity
    and (rejected_rows.affected_from is null
        or rejected_rows.affected_from <= reconciliation.period_start)
    and (rejected_rows.affected_through is null
        or reconciliation.period_start <= rejected_rows.affected_through)
where reconciliation.status <> 'incomplete'
