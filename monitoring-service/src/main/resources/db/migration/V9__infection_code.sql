-- An infection Condition is matched by SNOMED CT or ICD-10-CM (issue 19 item 6): the column names either.
ALTER TABLE patient_condition RENAME COLUMN snomed_code TO infection_code;
