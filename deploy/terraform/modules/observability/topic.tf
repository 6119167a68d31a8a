resource "aws_sns_topic" "alarms" {
  name              = "${var.name}-alarms"
  kms_master_key_id = var.logs_key_arn
}

resource "aws_sns_topic_subscription" "email" {
  for_each = toset(var.alarm_emails)

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = each.value
}

# Application logs, shipped by Fluent Bit or the ADOT collector (the log groups exist first so they are encrypted
# and expire).
resource "aws_cloudwatch_log_group" "app" {
  for_each = toset(["silo", "gateway"])

  name              = "/${var.name}/${each.value}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.logs_key_arn
}
