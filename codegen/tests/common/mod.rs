//! What more than one test crate of codegen needs.

use boon::{Compiler, SchemaIndex, Schemas};
use serde_json::Value;

/// `schema` (the export's, or a copy of it) compiled, to validate values with.
pub fn compile_schema(schema: Value) -> (Schemas, SchemaIndex) {
    let (mut schemas, mut compiler) = (Schemas::new(), Compiler::new());
    compiler
        .add_resource("urn:aculab-errors:schema", schema)
        .unwrap();
    let index = compiler
        .compile("urn:aculab-errors:schema", &mut schemas)
        .unwrap();
    (schemas, index)
}
