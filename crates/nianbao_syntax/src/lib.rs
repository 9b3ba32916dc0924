//! The nom grammar: report plaintext in, typed [`nianbao_model::Report`] with spans out.
