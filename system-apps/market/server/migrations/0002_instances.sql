-- Apps that allow several instances: `name` is the instance (`notes`, `notes-2`), `chart` the catalogue app it was installed from.
ALTER TABLE market_apps ADD COLUMN chart text;
UPDATE market_apps SET chart = name;
ALTER TABLE market_apps ALTER COLUMN chart SET NOT NULL;
