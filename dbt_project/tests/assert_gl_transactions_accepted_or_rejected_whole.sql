-- Invariant: a GL transaction is accepted or rejected as a whole. Half a transaction in the
-- ledger would unbalance it, so one rejected line rejects all the lines of its transaction.
-- Returns one row per transaction with both accepted and rejected lines.
with journal_lines as (

    select * from {{ ref('int_gl_journal_lines_validated') }}

),

transactions_counted as (

    select
        entity,
        transaction_id,
        count(*) as line_count,
        count(reject_reason) as rejected_line_count

    from journal_lines
    group by entity, transaction_id

)

select * from transactions_counted
where rejected_line_count > 0 and rejected_line_count < line_count
