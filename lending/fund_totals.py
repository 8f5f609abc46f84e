"""FundTotal on PostgreSQL: a statement-level trigger adds the entries each statement
inserts into the fund ledger to their fund's total per kind. Postings already lock the
fund's row (services), so the upsert adds no waiting; TRUNCATE (tests) empties the totals."""

from django.db import connection

INSTALL = """
CREATE OR REPLACE FUNCTION lending_fund_totals_add() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lending_fundtotal (fund_id, kind, total)
  SELECT fund_id, kind, sum(amount) FROM new_entries GROUP BY fund_id, kind
  ORDER BY fund_id, kind
  ON CONFLICT (fund_id, kind) DO UPDATE SET total = lending_fundtotal.total + EXCLUDED.total;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION lending_fund_totals_empty() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM lending_fundtotal;
  RETURN NULL;
END $$;
CREATE TRIGGER lending_fund_totals_on_insert AFTER INSERT ON lending_fundentry
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT
  EXECUTE FUNCTION lending_fund_totals_add();
CREATE TRIGGER lending_fund_totals_on_truncate AFTER TRUNCATE ON lending_fundentry
  FOR EACH STATEMENT EXECUTE FUNCTION lending_fund_totals_empty();
DELETE FROM lending_fundtotal;
INSERT INTO lending_fundtotal (fund_id, kind, total)
  SELECT fund_id, kind, sum(amount) FROM lending_fundentry GROUP BY fund_id, kind;
"""

UNINSTALL = """
DROP TRIGGER IF EXISTS lending_fund_totals_on_insert ON lending_fundentry;
DROP TRIGGER IF EXISTS lending_fund_totals_on_truncate ON lending_fundentry;
DROP FUNCTION IF EXISTS lending_fund_totals_add();
DROP FUNCTION IF EXISTS lending_fund_totals_empty();
"""


def totals_in_use() -> bool:
    return connection.vendor == "postgresql"
