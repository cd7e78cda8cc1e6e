-- NsIpState::incident_down_cycles: the month's Down NS-IP cycles that lie
-- inside a DNS incident, so that flagging that incident false positive takes
-- them back from the NS-IP's monthly downtime after a restart too (as RSM
-- recomputes NS-IP downtime for false positives). Encoded like
-- incident.down_cycles, relative to the row's month; empty for older rows.
ALTER TABLE ns_ip_state ADD COLUMN incident_down_cycles BLOB NOT NULL DEFAULT x'';
