-- The console's reads at hospital scale (issue 12; measured by bench.ConsoleApiBenchmark with 100,000 alerts and
-- 1,000,000 lab results, plans in console/README.md). The severity expression is written exactly as AlertQuery orders by
-- it, so a worklist page (most severe first, then newest) is read from the index instead of sorting every open alert.

-- The worklist: one status, most severe first, then newest (a deep page, 10,000 rows in, is still sorted: cheaper, says the planner).
CREATE INDEX alert_worklist ON alert (status, (CASE severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MODERATE' THEN 2 ELSE 3 END),
    raised_at DESC, id);
-- The worklist with every status.
CREATE INDEX alert_worklist_all ON alert ((CASE severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MODERATE' THEN 2 ELSE 3 END),
    raised_at DESC, id);
-- The alert burden of a period (GET /api/v1/alert-burden): the period's alerts, not the whole table. The console's live
-- poll (one status, newest first) reads it backwards too.
CREATE INDEX alert_raised ON alert (raised_at);
