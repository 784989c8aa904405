-- One row per entity, period, item and location: the ERP valuation at the previous period end.
{{ valuations_at_period_boundary('previous_period_end') }}
