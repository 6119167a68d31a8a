output "instance_identifier" {
  description = "The DB instance's identifier (for alarms)."
  value       = aws_db_instance.this.identifier
}

output "address" {
  description = "Host name of the instance (Multi-AZ fails over behind it)."
  value       = aws_db_instance.this.address
}

output "port" {
  description = "PostgreSQL port."
  value       = aws_db_instance.this.port
}

output "database_name" {
  description = "The clinic's database."
  value       = aws_db_instance.this.db_name
}

output "master_user_secret_arn" {
  description = "Secret holding the owner's credentials (RDS-managed, rotated): for the migrate job only."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}

output "security_group_id" {
  description = "The instance's security group."
  value       = aws_security_group.this.id
}
