# The warm and cold tiers of the clinic's records and the audit trail's anchors (docs/archive-tiers.md, docs/audit.md).

resource "aws_s3_bucket" "archive" {
  bucket = var.bucket_name

  # Holds health records: a terraform destroy must not empty it.
  force_destroy = false
}

resource "aws_s3_bucket_ownership_controls" "archive" {
  bucket = aws_s3_bucket.archive.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "archive" {
  bucket                  = aws_s3_bucket.archive.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "archive" {
  bucket = aws_s3_bucket.archive.id

  rule {
    # A bucket key cuts KMS requests (and their cost) to a few per batch instead of one per object.
    bucket_key_enabled = true

    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
  }
}

resource "aws_s3_bucket_versioning" "archive" {
  bucket = aws_s3_bucket.archive.id

  versioning_configuration {
    status = "Enabled"
  }
}

# docs/archive-tiers.md, "Storage classes and lifecycle" (deploy/s3/archive-lifecycle.json says the same).
resource "aws_s3_bucket_lifecycle_configuration" "archive" {
  bucket = aws_s3_bucket.archive.id

  # S3's default, stated so that a change of default cannot move the small objects (manifests, audit anchors) to a
  # class that needs a restore before audit verification can read them.
  transition_default_minimum_object_size = "all_storage_classes_128K"

  rule {
    id     = "archive-warm-to-cold"
    status = "Enabled"

    filter {
      prefix = "${var.key_prefix}/"
    }

    # The store writes Standard-IA itself; this catches anything put there in Standard by hand.
    transition {
      days          = 30
      storage_class = "STANDARD_IA"
    }

    transition {
      days          = 90
      storage_class = "GLACIER"
    }

    transition {
      days          = 365
      storage_class = "DEEP_ARCHIVE"
    }

    # A destroyed record's bytes go for good once its old version has aged out.
    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_days
    }
  }

  rule {
    id     = "remove-expired-delete-markers"
    status = "Enabled"

    filter {
      prefix = "${var.key_prefix}/"
    }

    expiration {
      expired_object_delete_marker = true
    }
  }

  dynamic "rule" {
    for_each = var.retention_backstop_days == null ? [] : [var.retention_backstop_days]

    content {
      id     = "appointments-retention-backstop"
      status = "Enabled"

      # Appointment batches only: the audit anchors are kept for good.
      filter {
        prefix = "${var.key_prefix}/appointments/"
      }

      expiration {
        days = rule.value
      }
    }
  }

  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.archive]
}
