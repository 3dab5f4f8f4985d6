"""Model documents for domestic workers: a form in, a PDF and DOCX package out, in six languages."""
