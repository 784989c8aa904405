-- One row per entity, period, item and location: the ERP valuation at the period end.
{{ valuations_at_period_boundary('period_end') }}
