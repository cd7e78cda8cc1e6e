-- EngineState::last_minute and ::recorded_minutes (which recent minutes have a
-- recorded probe status), so LoadEngineState returns exactly what was
-- committed and a restored engine accepts a cycle whose first minutes were
-- recorded before the restart.
ALTER TABLE engine_global ADD COLUMN last_minute INTEGER;
ALTER TABLE engine_global ADD COLUMN recorded_minutes INTEGER NOT NULL DEFAULT 0;
