-- A small metrics.db in the spec's schema plus the pipeline job's step_metrics, built by the tests.
CREATE TABLE daily_metrics (
  id INTEGER PRIMARY KEY AUTOINCREMENT, run_date DATE, run_id TEXT, product_category TEXT,
  order_count INTEGER, total_revenue REAL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE pipeline_runs (
  run_id TEXT PRIMARY KEY, pipeline_name TEXT, start_time TIMESTAMP, end_time TIMESTAMP, status TEXT,
  records_processed INTEGER, records_output INTEGER, error_message TEXT);
CREATE TABLE step_metrics (
  id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT, step_name TEXT, duration_seconds REAL, records_in INTEGER, records_out INTEGER);
INSERT INTO pipeline_runs VALUES
  ('RUN-20240116-020000', 'daily_sales_pipeline', '2024-01-16 02:00:00', '2024-01-16 02:00:05', 'failed', 1200, 0, 'sales_orders_2024-01-16.csv not found'),
  ('RUN-20240117-020000', 'daily_sales_pipeline', '2024-01-17 02:00:00', '2024-01-17 02:00:07.230', 'success', 1247, 12, NULL);
INSERT INTO step_metrics (run_id, step_name, duration_seconds, records_in, records_out) VALUES
  ('RUN-20240117-020000', 'extract', 3.12, 0, 1247),
  ('RUN-20240117-020000', 'transform', 3.05, 1247, 12),
  ('RUN-20240117-020000', 'load', 1.06, 12, 12);
INSERT INTO daily_metrics (run_date, run_id, product_category, order_count, total_revenue) VALUES
  ('2024-01-15', 'RUN-20240115-020000', 'Books', 3, 45.5),
  ('2024-01-17', 'RUN-20240117-020000', 'Electronics', 234, 45678.9),
  ('2024-01-17', 'RUN-20240117-020000', 'Clothing', 189, 12345.67);
