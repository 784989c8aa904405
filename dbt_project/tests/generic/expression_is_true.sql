{#
  Every row satisfies a boolean SQL expression; returns the rows that do not. A null result
  counts as a failure, so write identities that must also hold for missing figures with
  `is not distinct from` (null on both sides passes, null on one side fails).
#}
{% test expression_is_true(model, expression) %}

select * from {{ model }}
where not coalesce({{ expression }}, false)

{% endtest %}
