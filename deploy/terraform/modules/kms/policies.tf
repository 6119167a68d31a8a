# Key policies. In a key policy the resource "*" means "this key" and nothing else, so every statement below names
# "*" as its resource; who may do what is narrowed by principal and condition instead. No statement grants kms:* or
# a wildcard action: administrators get the administrative actions only, and data is readable only by the roles (or
# through the services) that need it. Usage principals are matched on aws:PrincipalArn rather than named as
# principals, so the keys can be created before the roles exist (KMS refuses a principal that does not exist yet).

locals {
  account_root = "arn:${var.partition}:iam::${var.account_id}:root"

  # Everything an administrator does to a key, and nothing that reads or writes data with it.
  administration_actions = [
    "kms:CancelKeyDeletion",
    "kms:CreateAlias",
    "kms:DeleteAlias",
    "kms:DescribeKey",
    "kms:DisableKey",
    "kms:DisableKeyRotation",
    "kms:EnableKey",
    "kms:EnableKeyRotation",
    "kms:GetKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:ListGrants",
    "kms:ListKeyPolicies",
    "kms:ListKeyRotations",
    "kms:ListResourceTags",
    "kms:PutKeyPolicy",
    "kms:RevokeGrant",
    "kms:RotateKeyOnDemand",
    "kms:ScheduleKeyDeletion",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateAlias",
    "kms:UpdateKeyDescription",
  ]

  # What an AWS service does with a key on a caller's behalf (RDS, MSK, Secrets Manager).
  service_use_actions = [
    "kms:CreateGrant",
    "kms:Decrypt",
    "kms:DescribeKey",
    "kms:Encrypt",
    "kms:GenerateDataKey",
    "kms:GenerateDataKeyWithoutPlaintext",
    "kms:ListGrants",
    "kms:ReEncryptFrom",
    "kms:ReEncryptTo",
  ]

  # Log groups of this deployment only: each module names its groups with the deployment's name.
  log_group_arn_patterns = [
    "arn:${var.partition}:logs:${var.region}:${var.account_id}:log-group:/aws/eks/${var.name}/*",
    "arn:${var.partition}:logs:${var.region}:${var.account_id}:log-group:/aws/rds/instance/${var.name}*",
    "arn:${var.partition}:logs:${var.region}:${var.account_id}:log-group:/aws/vpc/${var.name}/*",
    "arn:${var.partition}:logs:${var.region}:${var.account_id}:log-group:/aws/msk/${var.name}/*",
    "arn:${var.partition}:logs:${var.region}:${var.account_id}:log-group:/aws/lambda/${var.name}-*",
    "arn:${var.partition}:logs:${var.region}:${var.account_id}:log-group:aws-waf-logs-${var.name}*",
    "arn:${var.partition}:logs:${var.region}:${var.account_id}:log-group:/${var.name}/*",
  ]

  rds_service_linked_role = "arn:${var.partition}:iam::${var.account_id}:role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS"
}

# Shared by every key: administration for the named administrators (and the account root, so a deleted
# administrator role cannot orphan a key), and grants that let AWS services use a key for resources the
# administrators deploy (an RDS instance, an MSK cluster, an EKS cluster).
data "aws_iam_policy_document" "administration" {
  statement {
    sid       = "KeyAdministration"
    effect    = "Allow"
    actions   = local.administration_actions
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = concat([local.account_root], var.admin_arns)
    }
  }

  statement {
    sid       = "DeployersGrantKeysToAwsServices"
    effect    = "Allow"
    actions   = ["kms:CreateGrant"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = var.admin_arns
    }

    condition {
      test     = "Bool"
      variable = "kms:GrantIsForAWSResource"
      values   = ["true"]
    }
  }
}

data "aws_iam_policy_document" "vault" {
  source_policy_documents = [data.aws_iam_policy_document.administration.json]

  # docs/privacy-vault.md: the silo wraps and unwraps data keys, always with the patient's id as encryption context.
  statement {
    sid       = "SiloWrapsPatientDataKeys"
    effect    = "Allow"
    actions   = ["kms:Encrypt", "kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = [var.role_arns.silo]
    }

    condition {
      test     = "ForAllValues:StringEquals"
      variable = "kms:EncryptionContextKeys"
      values   = ["orleansclinic:patient"]
    }

    condition {
      test     = "Null"
      variable = "kms:EncryptionContext:orleansclinic:patient"
      values   = ["false"]
    }
  }
}

data "aws_iam_policy_document" "database" {
  source_policy_documents = [data.aws_iam_policy_document.administration.json]

  statement {
    sid       = "UseThroughRdsOnly"
    effect    = "Allow"
    actions   = local.service_use_actions
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["rds.${var.region}.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:CallerAccount"
      values   = [var.account_id]
    }
  }
}

data "aws_iam_policy_document" "messaging" {
  source_policy_documents = [data.aws_iam_policy_document.administration.json]

  # MSK encrypts broker storage, and reads the SCRAM secret (which MSK requires under a customer managed key).
  statement {
    sid       = "UseThroughMskAndItsScramSecretOnly"
    effect    = "Allow"
    actions   = local.service_use_actions
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["kafka.${var.region}.amazonaws.com", "secretsmanager.${var.region}.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:CallerAccount"
      values   = [var.account_id]
    }
  }
}

data "aws_iam_policy_document" "archive" {
  source_policy_documents = [data.aws_iam_policy_document.administration.json]

  # With S3 Bucket Keys the encryption context is the bucket's ARN, so this names the buckets, not object keys.
  statement {
    sid       = "SiloReadsAndWritesTheArchive"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = [var.role_arns.silo]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${var.region}.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:aws:s3:arn"
      values   = [var.archive_bucket_arns[0]]
    }
  }

  statement {
    sid       = "ReplicationCopiesAuditAnchors"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = [var.role_arns.archive_replication]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${var.region}.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:aws:s3:arn"
      values   = var.archive_bucket_arns
    }
  }

  dynamic "statement" {
    for_each = length(var.archive_reader_arns) > 0 ? [1] : []

    content {
      sid       = "AuditorsReadTheArchive"
      effect    = "Allow"
      actions   = ["kms:Decrypt"]
      resources = ["*"]

      principals {
        type        = "AWS"
        identifiers = [local.account_root]
      }

      condition {
        test     = "ArnEquals"
        variable = "aws:PrincipalArn"
        values   = var.archive_reader_arns
      }

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["s3.${var.region}.amazonaws.com"]
      }
    }
  }
}

data "aws_iam_policy_document" "eks" {
  source_policy_documents = [data.aws_iam_policy_document.administration.json]

  statement {
    sid       = "ClusterEncryptsKubernetesSecrets"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:ListGrants"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = [var.role_arns.eks_cluster]
    }
  }
}

data "aws_iam_policy_document" "logs" {
  source_policy_documents = [data.aws_iam_policy_document.administration.json]

  statement {
    sid    = "CloudWatchLogsEncryptsThisDeploymentsGroups"
    effect = "Allow"
    actions = [
      "kms:Decrypt",
      "kms:DescribeKey",
      "kms:Encrypt",
      "kms:GenerateDataKey",
      "kms:GenerateDataKeyWithoutPlaintext",
      "kms:ReEncryptFrom",
      "kms:ReEncryptTo",
    ]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.${var.region}.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = local.log_group_arn_patterns
    }
  }

  # CloudWatch alarms publish to the encrypted alarm topic.
  statement {
    sid       = "CloudWatchAlarmsPublishToTheAlarmTopic"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "secrets" {
  source_policy_documents = [data.aws_iam_policy_document.administration.json]

  # The pods (through the Secrets Store CSI driver) or External Secrets read secrets; administrators write them.
  statement {
    sid       = "NamedRolesReadSecrets"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:DescribeKey"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = [var.role_arns.silo, var.role_arns.gateway, var.role_arns.external_secrets]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${var.region}.amazonaws.com"]
    }
  }

  statement {
    sid       = "AdministratorsWriteSecrets"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = var.admin_arns
    }

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${var.region}.amazonaws.com"]
    }
  }

  # RDS creates and rotates the master user's secret itself (manage_master_user_password).
  statement {
    sid       = "RdsManagesTheMasterUserSecret"
    effect    = "Allow"
    actions   = local.service_use_actions
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["rds.${var.region}.amazonaws.com", "secretsmanager.${var.region}.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = concat([local.rds_service_linked_role], var.admin_arns)
    }
  }
}
