// cdktf's jest matchers (toHaveResourceWithProperties, toHaveDataSourceWithProperties, toHaveProvider, ...).
import { Testing } from 'cdktf';

Testing.setupJest();
