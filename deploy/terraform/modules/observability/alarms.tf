# One topic for every alarm; each alarm says what it means for the clinic. Thresholds are starting points: tune
# them on measured traffic (tests/OrleansClinic.Benchmarks/README.md has the measured ceilings).

locals {
  alarm_actions = [aws_sns_topic.alarms.arn]
}

# --- RDS ---------------------------------------------------------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "db_cpu" {
  alarm_name          = "${var.name}-db-cpu"
  alarm_description   = "Database CPU above 80 % for 15 minutes: bookings slow down; look at Performance Insights' top SQL."
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  dimensions          = { DBInstanceIdentifier = var.db_instance_identifier }
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  treat_missing_data  = "breaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "db_free_storage" {
  alarm_name          = "${var.name}-db-free-storage"
  alarm_description   = "Database free storage low: storage autoscaling may be at its ceiling; a full disk stops every write."
  namespace           = "AWS/RDS"
  metric_name         = "FreeStorageSpace"
  dimensions          = { DBInstanceIdentifier = var.db_instance_identifier }
  statistic           = "Minimum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "LessThanThreshold"
  threshold           = var.db_free_storage_alarm_gib * 1024 * 1024 * 1024
  treat_missing_data  = "breaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "db_connections" {
  alarm_name          = "${var.name}-db-connections"
  alarm_description   = "Database connections above 80 % of max_connections: silos or gateways may be leaking connections, or too many pods share it."
  namespace           = "AWS/RDS"
  metric_name         = "DatabaseConnections"
  dimensions          = { DBInstanceIdentifier = var.db_instance_identifier }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = floor(var.db_max_connections * 0.8)
  treat_missing_data  = "breaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

# --- MSK ---------------------------------------------------------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "msk_disk" {
  for_each = toset(var.msk_broker_ids)

  alarm_name          = "${var.name}-msk-broker-${each.value}-disk"
  alarm_description   = "Kafka broker ${each.value} data disk above 80 %: raise broker storage before the broker stops accepting writes (the outbox then fills)."
  namespace           = "AWS/Kafka"
  metric_name         = "KafkaDataLogsDiskUsed"
  dimensions          = { "Cluster Name" = var.msk_cluster_name, "Broker ID" = each.value }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  treat_missing_data  = "breaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "msk_under_replicated" {
  for_each = toset(var.msk_broker_ids)

  alarm_name          = "${var.name}-msk-broker-${each.value}-under-replicated"
  alarm_description   = "Kafka broker ${each.value} has under-replicated partitions for 10 minutes: a broker is failing or overloaded, and with min.insync.replicas=2 one more loss stops publishing."
  namespace           = "AWS/Kafka"
  metric_name         = "UnderReplicatedPartitions"
  dimensions          = { "Cluster Name" = var.msk_cluster_name, "Broker ID" = each.value }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "breaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

# --- ALB (created by the AWS Load Balancer Controller) -------------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "alb_elb_5xx" {
  count = var.alb_arn_suffix == null ? 0 : 1

  alarm_name          = "${var.name}-alb-elb-5xx"
  alarm_description   = "More than 20 load-balancer 5xx answers a minute for 5 minutes: no healthy gateway pod, or the ALB itself fails; patients and staff see errors."
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HTTPCode_ELB_5XX_Count"
  dimensions          = { LoadBalancer = var.alb_arn_suffix }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 5
  comparison_operator = "GreaterThanThreshold"
  threshold           = 20
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "alb_target_5xx" {
  count = var.alb_arn_suffix == null ? 0 : 1

  alarm_name          = "${var.name}-alb-target-5xx"
  alarm_description   = "More than 20 gateway 5xx answers a minute for 5 minutes: the gateway, the silos or the database fail requests; patients and staff see errors."
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HTTPCode_Target_5XX_Count"
  dimensions          = { LoadBalancer = var.alb_arn_suffix }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 5
  comparison_operator = "GreaterThanThreshold"
  threshold           = 20
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "alb_response_time" {
  count = var.alb_arn_suffix == null ? 0 : 1

  alarm_name          = "${var.name}-alb-target-response-time"
  alarm_description   = "p95 gateway response time above ${var.alb_target_response_seconds} s for 10 minutes: grain calls or the database are slow."
  namespace           = "AWS/ApplicationELB"
  metric_name         = "TargetResponseTime"
  dimensions          = { LoadBalancer = var.alb_arn_suffix }
  extended_statistic  = "p95"
  period              = 300
  evaluation_periods  = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.alb_target_response_seconds
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

# --- EKS nodes ---------------------------------------------------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "node_cpu" {
  alarm_name          = "${var.name}-nodes-cpu"
  alarm_description   = "EKS nodes above 80 % CPU for 15 minutes: silos will be slow to answer; add nodes or raise the node group's maximum."
  namespace           = "AWS/EC2"
  metric_name         = "CPUUtilization"
  dimensions          = { AutoScalingGroupName = var.node_autoscaling_group_name }
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = 80
  treat_missing_data  = "breaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

# --- The clinic's own metrics (OpenTelemetry through the ADOT collector) -------------------------------------------
# Placeholders until the collector's CloudWatch exporter is deployed: with no data they stay INSUFFICIENT_DATA
# rather than alarming. Adjust app_metric_names and dimensions to what the exporter writes.

resource "aws_cloudwatch_metric_alarm" "outbox_lag" {
  alarm_name          = "${var.name}-outbox-lag"
  alarm_description   = "The oldest unpublished outbox event is over ${var.outbox_lag_alarm_seconds} s old for 5 minutes: the relay or Kafka is stuck; SSE updates and notifications are late (docs/events.md, \"Operating it\")."
  namespace           = var.app_metrics_namespace
  metric_name         = var.app_metric_names.outbox_oldest_unsent_age_seconds
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.outbox_lag_alarm_seconds
  treat_missing_data  = "missing"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}

resource "aws_cloudwatch_metric_alarm" "notification_failures" {
  alarm_name          = "${var.name}-notification-failures"
  alarm_description   = "Notices failing to send (dead letters) in the last 15 minutes: check Twilio/SendGrid; staff see them in GET /api/v1/notifications/undelivered."
  namespace           = var.app_metrics_namespace
  metric_name         = var.app_metric_names.notifications_failed
  statistic           = "Sum"
  period              = 900
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "missing"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions
}
