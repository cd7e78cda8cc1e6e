-- Migration 9 (SQLite dialect): per NS-IP and DNS cycle, the RTTs of every
-- probe by transport — how many, their median and 95th percentile (ms) — for
-- the dashboard's RTT charts (docs/dashboard.md). Cycles committed before
-- this migration read as 0 RTTs.
ALTER TABLE ns_ip_verdict ADD COLUMN udp_n   INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ns_ip_verdict ADD COLUMN udp_p50 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ns_ip_verdict ADD COLUMN udp_p95 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ns_ip_verdict ADD COLUMN tcp_n   INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ns_ip_verdict ADD COLUMN tcp_p50 INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ns_ip_verdict ADD COLUMN tcp_p95 INTEGER NOT NULL DEFAULT 0;
