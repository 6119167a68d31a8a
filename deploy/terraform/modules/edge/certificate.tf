# The ALB's certificate (the AWS Load Balancer Controller picks it up by ARN or by host name). DNS validation keeps
# renewing it by itself for as long as the records stay in the zone.
resource "aws_acm_certificate" "this" {
  domain_name               = var.domain_name
  subject_alternative_names = var.subject_alternative_names
  validation_method         = "DNS"
  key_algorithm             = "RSA_2048"

  lifecycle {
    create_before_destroy = true
  }
}

locals {
  # Keyed by the names asked for, which are known at plan time (the validation records are not, before the
  # certificate exists). A wildcard shares its record with its base name: allow_overwrite lets both write it.
  validation_options = { for o in aws_acm_certificate.this.domain_validation_options : o.domain_name => o }
}

resource "aws_route53_record" "validation" {
  for_each = toset(concat([var.domain_name], var.subject_alternative_names))

  zone_id         = var.route53_zone_id
  name            = local.validation_options[each.value].resource_record_name
  type            = local.validation_options[each.value].resource_record_type
  records         = [local.validation_options[each.value].resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "this" {
  certificate_arn         = aws_acm_certificate.this.arn
  validation_record_fqdns = [for r in aws_route53_record.validation : r.fqdn]
}
