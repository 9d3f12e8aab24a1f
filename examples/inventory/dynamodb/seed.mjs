// Creates the `inventory` table in a DynamoDB-compatible endpoint and puts a few items in it.
//   AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:4567 node seed.mjs
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({ region: process.env.AWS_REGION ?? 'us-east-1' });
const TableName = process.env.TABLE ?? 'inventory';

try {
  await client.send(new CreateTableCommand({
    TableName,
    KeySchema: [{ AttributeName: 'store', KeyType: 'HASH' }, { AttributeName: 'sku', KeyType: 'RANGE' }],
    AttributeDefinitions: [{ AttributeName: 'store', AttributeType: 'S' }, { AttributeName: 'sku', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  }));
} catch (e) {
  if (e.name !== 'ResourceInUseException') throw e;
}

for (let i = 0; i < 100; i++) {
  const { Table } = await client.send(new DescribeTableCommand({ TableName }));
  if (Table.TableStatus === 'ACTIVE') break;
  await new Promise((r) => setTimeout(r, 100));
}

const items = [
  ['main', 'sku-001', 'Claw hammer', 12, '14.90'],
  ['main', 'sku-002', 'Box of nails (200)', 340, '4.50'],
  ['main', 'sku-003', 'Cordless drill', 4, '89.00'],
  ['main', 'sku-004', 'Tape measure 5 m', 0, '7.20'],
  ['depot', 'sku-001', 'Claw hammer', 120, '14.90'],
];
for (const [store, sku, name, qty, price] of items) {
  await client.send(new PutItemCommand({
    TableName,
    Item: { store: { S: store }, sku: { S: sku }, name: { S: name }, qty: { N: String(qty) }, price: { N: price } },
  }));
}
console.log(`seeded ${items.length} items into ${TableName}`);
