resource "aws_security_group" "this" {
  name        = "${var.name}-msk"
  description = "Kafka (TLS listeners only) from the EKS cluster"
  vpc_id      = var.vpc_id

  tags = { Name = "${var.name}-msk" }
}

# 9096: SASL/SCRAM over TLS; 9098: SASL/IAM over TLS. No plaintext port (9092) is opened.
resource "aws_vpc_security_group_ingress_rule" "from_cluster" {
  for_each = toset(var.iam_auth_enabled ? ["9096", "9098"] : ["9096"])

  security_group_id            = aws_security_group.this.id
  description                  = "Kafka over TLS from the EKS nodes and pods"
  ip_protocol                  = "tcp"
  from_port                    = tonumber(each.value)
  to_port                      = tonumber(each.value)
  referenced_security_group_id = var.client_security_group_id
}
