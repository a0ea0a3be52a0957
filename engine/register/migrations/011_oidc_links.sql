-- Single sign-on: which account a person the office's identity provider signs in is. An
-- administrator links an account to the value of the configured claim (loginClaim) at one
-- provider (issuer); the provider's subject (sub) is pinned at the first sign-in, so a claim
-- value the provider later gives to someone else signs nobody in.
CREATE TABLE account_oidc_links (
  account_id bigint PRIMARY KEY REFERENCES accounts (id),
  issuer text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 500),
  claim_value text NOT NULL CHECK (length(claim_value) BETWEEN 1 AND 255),
  subject text CHECK (length(subject) BETWEEN 1 AND 255),
  linked_at timestamptz NOT NULL DEFAULT now(),
  last_sign_in timestamptz,
  UNIQUE (issuer, claim_value)
);
