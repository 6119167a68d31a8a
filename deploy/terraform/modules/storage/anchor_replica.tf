# docs/audit.md: the bucket policy keeps the silos from removing anchors, but whoever administers the account could
# change it. A replica of archive/audit-anchors/ under Object Lock cannot be deleted or overwritten by anyone, the
# account root included in COMPLIANCE mode, until its retention ends. Better still in a separate account; this
# one keeps it in the same account and region, which already survives a rewritten bucket policy.

locals {
  replica_enabled = var.anchor_replica.enabled
  replica_arn     = "arn:${data.aws_partition.current.partition}:s3:::${var.anchor_replica.bucket_name}"
}

data "aws_partition" "current" {}

resource "aws_s3_bucket" "anchor_replica" {
  count = local.replica_enabled ? 1 : 0

  bucket              = var.anchor_replica.bucket_name
  object_lock_enabled = true
  force_destroy       = false
}

resource "aws_s3_bucket_ownership_controls" "anchor_replica" {
  count  = local.replica_enabled ? 1 : 0
  bucket = aws_s3_bucket.anchor_replica[0].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "anchor_replica" {
  count = local.replica_enabled ? 1 : 0

  bucket                  = aws_s3_bucket.anchor_replica[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "anchor_replica" {
  count  = local.replica_enabled ? 1 : 0
  bucket = aws_s3_bucket.anchor_replica[0].id

  rule {
    bucket_key_enabled = true

    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
  }
}

resource "aws_s3_bucket_versioning" "anchor_replica" {
  count  = local.replica_enabled ? 1 : 0
  bucket = aws_s3_bucket.anchor_replica[0].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_object_lock_configuration" "anchor_replica" {
  count  = local.replica_enabled ? 1 : 0
  bucket = aws_s3_bucket.anchor_replica[0].id

  rule {
    default_retention {
      mode  = var.anchor_replica.mode
      years = var.anchor_replica.years
    }
  }
}

data "aws_iam_policy_document" "anchor_replica" {
  statement {
    sid       = "TlsOnly"
    effect    = "Deny"
    actions   = local.every_s3_request
    resources = [local.replica_arn, "${local.replica_arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "anchor_replica" {
  count  = local.replica_enabled ? 1 : 0
  bucket = aws_s3_bucket.anchor_replica[0].id
  policy = data.aws_iam_policy_document.anchor_replica.json

  depends_on = [aws_s3_bucket_public_access_block.anchor_replica]
}

# Replication: S3 assumes this role to copy new anchors (and nothing else) into the replica.
data "aws_iam_policy_document" "replication_trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["s3.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "replication" {
  count = local.replica_enabled ? 1 : 0

  name               = var.replication_role_name
  assume_role_policy = data.aws_iam_policy_document.replication_trust.json
}

data "aws_iam_policy_document" "replication" {
  statement {
    sid       = "ReadTheReplicationRule"
    effect    = "Allow"
    actions   = ["s3:GetReplicationConfiguration", "s3:ListBucket"]
    resources = [aws_s3_bucket.archive.arn]
  }

  statement {
    sid    = "ReadAnchorsToCopy"
    effect = "Allow"
    actions = [
      "s3:GetObjectLegalHold",
      "s3:GetObjectRetention",
      "s3:GetObjectVersionAcl",
      "s3:GetObjectVersionForReplication",
      "s3:GetObjectVersionTagging",
    ]
    resources = [local.anchors_arn]
  }

  statement {
    sid       = "WriteCopiesToTheReplica"
    effect    = "Allow"
    actions   = ["s3:ReplicateObject", "s3:ReplicateTags"]
    resources = ["${local.replica_arn}/${var.key_prefix}/audit-anchors/*"]
  }

  statement {
    sid       = "DecryptSourceEncryptReplica"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]
  }
}

resource "aws_iam_role_policy" "replication" {
  count = local.replica_enabled ? 1 : 0

  name   = "replicate-audit-anchors"
  role   = aws_iam_role.replication[0].id
  policy = data.aws_iam_policy_document.replication.json
}

resource "aws_s3_bucket_replication_configuration" "anchors" {
  count = local.replica_enabled ? 1 : 0

  bucket = aws_s3_bucket.archive.id
  role   = aws_iam_role.replication[0].arn

  rule {
    id       = "audit-anchors-to-locked-replica"
    status   = "Enabled"
    priority = 1

    filter {
      prefix = "${var.key_prefix}/audit-anchors/"
    }

    # Anchors are never deleted; a delete marker (which only an administrator could place) is not copied either.
    delete_marker_replication {
      status = "Disabled"
    }

    source_selection_criteria {
      sse_kms_encrypted_objects {
        status = "Enabled"
      }
    }

    destination {
      bucket        = aws_s3_bucket.anchor_replica[0].arn
      storage_class = "STANDARD"

      encryption_configuration {
        replica_kms_key_id = var.kms_key_arn
      }
    }
  }

  depends_on = [aws_s3_bucket_versioning.archive, aws_s3_bucket_versioning.anchor_replica]
}
