output "bucket_name" {
  description = "Archive:S3:BucketName of the silos."
  value       = aws_s3_bucket.archive.id
}

output "bucket_arn" {
  description = "The archive bucket."
  value       = aws_s3_bucket.archive.arn
}

output "key_prefix" {
  description = "Archive:S3:KeyPrefix of the silos."
  value       = var.key_prefix
}

output "anchor_replica_bucket_name" {
  description = "The Object Lock replica of the audit anchors (null when off)."
  value       = local.replica_enabled ? aws_s3_bucket.anchor_replica[0].id : null
}
