//! TLS towards Temporal: reading and checking the PEM material, and the tonic TLS config built
//! from it. Verification uses tonic's rustls config; only `verify_host = false` needs a connector
//! of its own (see [`super::unverified`]).
use std::{fmt, sync::Arc, time::SystemTime};

use rustls::pki_types::{CertificateDer, PrivateKeyDer, pem::PemObject};
use tonic::transport::{Certificate, ClientTlsConfig, Identity};

use super::settings::{PemSource, TlsSettings};

/// Which piece of TLS material a problem is about, so the configuration can name its setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TlsPart {
    Ca,
    ClientCert,
    ClientKey,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlsMaterialError {
    pub part: TlsPart,
    pub message: String,
}

impl fmt::Display for TlsMaterialError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.message)
    }
}

/// The PEM material of one cluster, read and checked.
#[derive(Clone)]
pub struct TlsMaterial {
    pub ca: Option<Vec<u8>>,
    pub identity: Option<(Vec<u8>, Vec<u8>)>,
    pub server_name: Option<String>,
    pub verify_host: bool,
}

fn read(source: &PemSource, part: TlsPart) -> Result<Vec<u8>, TlsMaterialError> {
    match source {
        PemSource::Inline(pem) => Ok(pem.0.clone()),
        PemSource::File(path) => std::fs::read(path)
            .map_err(|error| TlsMaterialError { part, message: format!("cannot read {}: {error}", path.display()) }),
    }
}

pub fn certificates(
    pem: &[u8],
    source: &PemSource,
    part: TlsPart,
) -> Result<Vec<CertificateDer<'static>>, TlsMaterialError> {
    let certs: Result<Vec<_>, _> = CertificateDer::pem_slice_iter(pem).collect();
    match certs {
        Ok(certs) if !certs.is_empty() => Ok(certs),
        Ok(_) => Err(TlsMaterialError { part, message: format!("{} holds no PEM certificate", source.describe()) }),
        Err(error) => Err(TlsMaterialError {
            part,
            message: format!("{} is not a readable PEM certificate: {error}", source.describe()),
        }),
    }
}

pub fn private_key(pem: &[u8], source: &PemSource) -> Result<PrivateKeyDer<'static>, TlsMaterialError> {
    PrivateKeyDer::from_pem_slice(pem).map_err(|error| TlsMaterialError {
        part: TlsPart::ClientKey,
        message: format!("{} is not a readable PEM private key: {error}", source.describe()),
    })
}

impl TlsMaterial {
    /// Reads every file and checks it: the CA parses, the client certificate parses, and the key
    /// belongs to that certificate.
    pub fn load(settings: &TlsSettings) -> Result<TlsMaterial, TlsMaterialError> {
        let ca = match &settings.ca {
            Some(source) => {
                let pem = read(source, TlsPart::Ca)?;
                certificates(&pem, source, TlsPart::Ca)?;
                Some(pem)
            }
            None => None,
        };
        let identity = match (&settings.client_cert, &settings.client_key) {
            (Some(cert_source), Some(key_source)) => {
                let cert = read(cert_source, TlsPart::ClientCert)?;
                let key = read(key_source, TlsPart::ClientKey)?;
                check_key_matches(&cert, cert_source, &key, key_source)?;
                Some((cert, key))
            }
            (Some(_), None) => {
                return Err(TlsMaterialError {
                    part: TlsPart::ClientKey,
                    message: "a client certificate is set but no client key".into(),
                });
            }
            (None, Some(_)) => {
                return Err(TlsMaterialError {
                    part: TlsPart::ClientCert,
                    message: "a client key is set but no client certificate".into(),
                });
            }
            (None, None) => None,
        };
        Ok(TlsMaterial { ca, identity, server_name: settings.server_name.clone(), verify_host: settings.verify_host })
    }

    /// tonic's TLS config: the given CA or the system roots, the client identity, the name override.
    pub fn tonic_config(&self) -> ClientTlsConfig {
        let config = self.tonic_config_without_roots();
        match &self.ca {
            Some(pem) => config.ca_certificate(Certificate::from_pem(pem)),
            None => config.with_native_roots(),
        }
    }

    /// The client identity and name override only, for a custom verifier (tonic refuses roots
    /// next to one).
    pub fn tonic_config_without_roots(&self) -> ClientTlsConfig {
        let mut config = ClientTlsConfig::new();
        if let Some((cert, key)) = &self.identity {
            config = config.identity(Identity::from_pem(cert, key));
        }
        if let Some(name) = &self.server_name {
            config = config.domain_name(name.clone());
        }
        config
    }
}

/// Checks that a certificate and key (PEM) parse and belong together.
pub fn check_key_pair(cert_source: &PemSource, key_source: &PemSource) -> Result<(), TlsMaterialError> {
    let cert = read(cert_source, TlsPart::ClientCert)?;
    let key = read(key_source, TlsPart::ClientKey)?;
    check_key_matches(&cert, cert_source, &key, key_source)
}

fn check_key_matches(
    cert_pem: &[u8],
    cert_source: &PemSource,
    key_pem: &[u8],
    key_source: &PemSource,
) -> Result<(), TlsMaterialError> {
    let certs = certificates(cert_pem, cert_source, TlsPart::ClientCert)?;
    let key = private_key(key_pem, key_source)?;
    let signing_key = rustls::crypto::ring::sign::any_supported_type(&key).map_err(|error| TlsMaterialError {
        part: TlsPart::ClientKey,
        message: format!("{} is not a usable private key: {error}", key_source.describe()),
    })?;
    rustls::sign::CertifiedKey::new(certs, signing_key).keys_match().map_err(|_| TlsMaterialError {
        part: TlsPart::ClientKey,
        message: format!("{} does not belong to the certificate {}", key_source.describe(), cert_source.describe()),
    })
}

/// Modification times and sizes of the material's files: a change means re-reading them.
pub fn files_fingerprint(settings: &TlsSettings) -> Vec<Option<(SystemTime, u64)>> {
    [&settings.ca, &settings.client_cert, &settings.client_key]
        .into_iter()
        .flatten()
        .filter_map(PemSource::file)
        .map(|path| std::fs::metadata(path).ok().and_then(|meta| Some((meta.modified().ok()?, meta.len()))))
        .collect()
}

/// The process-wide rustls crypto provider (ring), installed once.
pub fn crypto_provider() -> Arc<rustls::crypto::CryptoProvider> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    rustls::crypto::CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(rustls::crypto::ring::default_provider()))
}
