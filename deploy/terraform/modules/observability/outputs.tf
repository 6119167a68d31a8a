output "alarm_topic_arn" {
  description = "SNS topic every alarm notifies."
  value       = aws_sns_topic.alarms.arn
}

output "app_log_groups" {
  description = "Log groups of the silo and gateway, for Fluent Bit or the ADOT collector."
  value       = { for k, g in aws_cloudwatch_log_group.app : k => g.name }
}
