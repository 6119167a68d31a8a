locals {
  anchors_arn = "${aws_s3_bucket.archive.arn}/${var.key_prefix}/audit-anchors/*"

  # Every S3 request there is, by verb, for the TLS-only denial (no service-wide wildcard, even in a Deny).
  every_s3_request = ["s3:Abort*", "s3:Bypass*", "s3:Create*", "s3:Delete*", "s3:Get*", "s3:List*", "s3:Put*", "s3:Replicate*", "s3:Restore*", "s3:Update*"]
}

# deploy/s3/archive-bucket-policy.json, plus TLS only. The silos' role may create an audit anchor where none is, and
# never delete or replace one; the rest of the archive stays deletable by the retention purge, which bucket-wide
# Object Lock would forbid (docs/audit.md, "Keeping the anchors out of the application's reach").
# The role is matched on aws:PrincipalArn so the policy does not depend on the role existing first.
data "aws_iam_policy_document" "archive" {
  statement {
    sid       = "TlsOnly"
    effect    = "Deny"
    actions   = local.every_s3_request
    resources = [aws_s3_bucket.archive.arn, "${aws_s3_bucket.archive.arn}/*"]

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

  statement {
    sid       = "AuditAnchorsAreNeverDeleted"
    effect    = "Deny"
    actions   = ["s3:DeleteObject", "s3:DeleteObjectVersion"]
    resources = [local.anchors_arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = [var.silo_role_arn]
    }
  }

  statement {
    sid       = "AuditAnchorsAreWrittenOnlyWhereNoneIs"
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = [local.anchors_arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = [var.silo_role_arn]
    }

    condition {
      test     = "Null"
      variable = "s3:if-none-match"
      values   = ["true"]
    }
  }

  statement {
    sid       = "AuditAnchorsAreNeverReplaced"
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = [local.anchors_arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = [var.silo_role_arn]
    }

    condition {
      test     = "Null"
      variable = "s3:if-match"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "archive" {
  bucket = aws_s3_bucket.archive.id
  policy = data.aws_iam_policy_document.archive.json

  depends_on = [aws_s3_bucket_public_access_block.archive]
}
